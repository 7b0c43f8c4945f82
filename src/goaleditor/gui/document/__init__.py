"""The document page: unit, year, money unit, layout and signature line."""
