"""Skeletons `sovscore new` writes: the least a file must say to validate, every unknown fact
written `null`, and comments that say what to fill in and where to read the rules.

Kept valid by tests/test_own_data.py, which validates each skeleton as written."""

from __future__ import annotations

import datetime as dt


def provider_skeleton(ident: str, schema: str, today: dt.date) -> str:
    name = ident.replace("-", " ").title()
    return f"""\
# yaml-language-server: $schema={schema}
# A sovscore provider profile. null means unknown: write a fact only with its source, and say in
# `notes` what you looked for when it stays unknown. Rank it beside the bundled providers with
#   sovscore rank --providers @bundled --providers THIS-FILE
schema_version: 2
providers:
  - id: {ident}
    name: {name}
    headquarters: null          # ISO country code of the registered office, e.g. FR
    reviewed: {today.isoformat()}        # the day these facts were last checked against their sources
    identity_sources: []
    ownership: null             # holders with their shares of capital; see the README's schema
    partnerships: null          # corporate ties: shareholders' and joint ventures' partners
    extraterritorial_exposure: null   # exposed to non-EU law (CLOUD Act, FISA 702)? with sources
    notes: null
    offers:
      - id: iaas
        name: {name} IaaS
        service_models: [iaas]  # iaas, paas, caas, saas, storage, backup
        qualifications: []      # e.g. SecNumCloud, with its dated history and sources
        location: null          # where data is stored and processed
        administration: null    # where the service is run from
sources: []
# Each fact cites the ids of sources listed here, for example:
#   - id: {ident}-legal-notice
#     title: Mentions légales
#     url: https://www.example.org/mentions-legales
#     publisher: {name}
#     date: {today.isoformat()}
#     kind: provider            # official, provider, press, compilation, analysis
"""


def offer_skeleton(provider: str, offer: str, schema: str) -> str:
    return f"""\
# yaml-language-server: $schema={schema}
# Adds an offer to the provider {provider!r}, defined in another file (the bundled data, or yours):
#   sovscore show {provider}/{offer} --providers @bundled --providers THIS-FILE
schema_version: 2
overrides:
  - provider: {provider}
    add:
      offers:
        - id: {offer}
          name: {offer.replace("-", " ").title()}
          service_models: [iaas]  # iaas, paas, caas, saas, storage, backup
          qualifications: []
          location: null
          administration: null
    reason: null                # why the offer is added: where it was read
sources: []
"""


def rubric_skeleton(ident: str, schema: str) -> str:
    return f"""\
# yaml-language-server: $schema={schema}
# A rubric that takes the default preset and changes only its weights. Use it with
#   sovscore rank --rubric THIS-FILE
# `sovscore rubric` shows the criteria; a rubric of your own may also list its criteria whole.
schema_version: 1
extends: default
id: {ident}
version: "1.0"
title: {ident.replace("-", " ").title()}
description: The default rubric, weighted for our purchase.
weights: {{}}                   # e.g. secnumcloud: 40
"""
