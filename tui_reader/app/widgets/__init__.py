"""The reader's widgets: the day list, the perspective panes and the header line."""
