"""Reading a brand repository into typed objects (`loader.load` -> `model.Repo`),
with every problem located by file, line and column."""
