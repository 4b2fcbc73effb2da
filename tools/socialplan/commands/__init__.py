"""Click commands that live beside the core ones in `cli.py`, one module per area.

Each module defines plain click commands over library functions; `cli.py`
registers them on the `socialplan` group.
"""
