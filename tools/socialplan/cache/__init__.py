"""What a build remembers so that a rebuild skips unchanged work: fingerprints of
inputs (`fingerprints`), the store under build/cache/ (`store`) and the records kept
there (per-post checks, calendar events, image outputs). A cache is only a shortcut:
whatever it holds is untrusted, and a missing or damaged one means doing the work."""
