"""socialplan: social media management as code.

The package is a library first: nothing in it prints or exits. The command line
(`socialplan.cli`) is a thin layer that turns results into output and exit codes.
"""

__version__ = "0.1.0"
