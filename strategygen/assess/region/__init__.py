"""The regional overview's assessment: many countries' profiles and the bundled data, side by side.

``group`` works out which countries a group holds, ``data`` reads the bundled tables,
``readiness``, ``egov``, ``institutions``, ``findings`` and ``actions`` compute one part each,
and ``run`` joins them into a :class:`~strategygen.assess.region.model.RegionAssessment`.
"""
