"""CSV in and out: the file format (``csvfile``), the touchpoint import and export
(``touchpoints``), and every table of a workshop as a download (``tables``)."""
