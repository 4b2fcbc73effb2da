"""When posts go out: the times people write (`times`), day names (`days`) and the
resolved schedule of every post and channel (`slots`)."""
