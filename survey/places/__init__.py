"""Places: the partnership's boundary, place reports, hotspots and safe havens."""
