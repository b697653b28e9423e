"""strategygen: draft national AI strategies from validated country profiles.

Public API: :func:`strategygen.inputs.loader.load_profile`,
:class:`strategygen.inputs.profile.CountryProfile`.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
