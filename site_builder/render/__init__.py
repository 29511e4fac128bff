"""Library -> pages (HTML, feeds, sitemap): everything rendered from typed data."""
