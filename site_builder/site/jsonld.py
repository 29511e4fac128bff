"""JSON-LD for <script type="application/ld+json">, safe against any text in the data."""
from __future__ import annotations

import json

from markupsafe import Markup


def script_json(data: dict) -> Markup:
    """JSON whose text can never close the script element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)
