"""Reading the tool's own outputs back: an earlier consolidated workbook (``previous``, for ``--previous``) and
last year's final one (``carry``, for ``master new --from``)."""
