"""Writing what users open: templates, feedback workbooks, the consolidated
workbook and text or JSON reports."""
