"""The project page: the header of the project form over its indicator table."""
