"""Checks: what is wrong with a row, a submission or a folder of them."""
