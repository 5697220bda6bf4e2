"""How apps above the record take part in it without the record importing them (clinic ← patients ← programs).

As apps register with the Django admin, an app registers here from its AppConfig.ready():

- `data_parts`: every model that holds patient data, so that the export and the destruction of a
  record cover it (the record's own parts are registered by this app);
- `patient_panels` and `episode_panels`: sections that an app adds to the patient page and the
  episode page, each a function (user, patient or episode) → Panel, or None to show nothing;
- `episode_discharged`: a signal sent inside the discharge's transaction (episode=, acting_user=),
  for what must end with the episode;
- `fhir_builders`: functions (FhirExport) → [(row, resource)], each giving one FHIR resource type of
  the record for its FHIR bundle (patients.documents.fhir).

Facts the record needs from above for its own rules (the home program's follow-up signals) are
handed down as writes instead: see patients.services.signals.
"""

from collections.abc import Callable
from dataclasses import dataclass

import django.dispatch
from django.db import models


@dataclass(frozen=True)
class DataPart:
    """One kind of row of patient data: where it hangs in the record and how it reaches the patient.

    `parent` names the field that points to the row this one belongs to (of `parent_model`), or is
    empty for rows of the patient. `linked_names` are {key: lookup without language} read through a
    link, so that a reader sees an exercise's title rather than its number. `exported` is False for
    data derived from other parts, which the destruction removes but the export leaves out.
    """

    key: str
    title: str
    model: type[models.Model]
    to_patient: str
    parent_model: type[models.Model] | None = None
    parent: str = ""
    single: bool = False
    linked_names: tuple = ()
    exported: bool = True


@dataclass(frozen=True)
class Panel:
    """A section of a record page: a template and what it shows."""

    template: str
    context: dict


data_parts: list[DataPart] = []
patient_panels: list[Callable] = []
episode_panels: list[Callable] = []
fhir_builders: list[Callable] = []

episode_discharged = django.dispatch.Signal()


def register_parts(*parts: DataPart) -> None:
    """Add parts of patient data to the record's registry, once each."""
    data_parts.extend(part for part in parts if part not in data_parts)


def register_panels(*, patient=None, episode=None) -> None:
    """Add a section to the patient page and/or the episode page, once each."""
    for registry, make in ((patient_panels, patient), (episode_panels, episode)):
        if make is not None and make not in registry:
            registry.append(make)


def register_fhir_builders(*builders: Callable) -> None:
    """Add functions that give FHIR resources of the record to its FHIR bundle, once each."""
    fhir_builders.extend(builder for builder in builders if builder not in fhir_builders)


def panels_for(registry: list[Callable], user, owner) -> list[Panel]:
    """Return the panels the registered functions give for this patient or episode, in registration order."""
    return [panel for panel in (make(user, owner) for make in registry) if panel is not None]
