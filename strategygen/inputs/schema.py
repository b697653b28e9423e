"""The profile JSON Schema, for editors and for ``strategygen schema``."""

from __future__ import annotations

import json

from strategygen.inputs.docs import document
from strategygen.inputs.profile import CountryProfile


def schema_text() -> str:
    """Return the JSON Schema of a country profile as stable, indented JSON text."""
    document(CountryProfile)
    schema = CountryProfile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "strategygen country profile"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def theme_schema_text() -> str:
    """Return the JSON Schema of a theme file as stable, indented JSON text."""
    from strategygen.inputs.theme import Theme

    document(Theme)
    schema = Theme.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "strategygen theme"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
