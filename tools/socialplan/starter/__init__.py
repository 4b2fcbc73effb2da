"""Creating things: a new brand repository from the files in this folder, and a new
post (`scaffold`)."""
