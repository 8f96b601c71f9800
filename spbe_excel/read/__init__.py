"""Reading submissions, by job: safety before parsing (``safety``: what a file
is from its bytes, bombs, damage, extent), reading one submission (``one``),
many in isolated workers (``batch``), and the tool's own outputs read back
(``ours``: ``--previous`` and ``master new --from``)."""
