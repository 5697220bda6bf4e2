"""Pain maps of a care episode: the therapist draws one at intake or evaluation, or asks the patient to."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from clinic.choices import RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import ServiceActionView, ServiceFormMixin
from patients import services
from patients.choices import BodyView, PainMapSource
from patients.forms.pain_map import PainMapForm
from patients.selectors.pain_map import body_view_for
from patients.views.mixins import EpisodeChildMixin


class PainMapEpisodeMixin(EpisodeChildMixin):
    log_part = RecordPart.PAIN_MAP

    @cached_property
    def body_view(self):
        """Return the figure asked for in `?figure=`, or the one that fits the patient."""
        asked = self.request.GET.get("figure")
        return BodyView(asked) if asked in BodyView.values else body_view_for(self.episode.patient)

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#pain-maps"


class PainMapCreateView(OnceOnlyFormMixin, PainMapEpisodeMixin, ServiceFormMixin, FormView):
    """Draw the patient's pain on the figure; `?figure=male|female` picks the other figure."""

    template_name = "patients/painmap_form.html"
    form_class = PainMapForm
    page_title = gettext_lazy("New pain map")
    success_message = gettext_lazy("The pain map has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body_view": self.body_view}

    def get_context_data(self, **kwargs):
        other = BodyView.MALE if self.body_view == BodyView.FEMALE else BodyView.FEMALE
        return super().get_context_data(other_view=BodyView(other), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.pain_map_record(
            episode=self.episode,
            body_view=self.body_view,
            source=PainMapSource.THERAPIST,
            recorded_on=data["recorded_on"],
            regions=data["regions"],
            notes=data["notes"],
            acting_user=self.request.user,
        )


class PainMapRequestView(PainMapEpisodeMixin, ServiceActionView):
    """Ask the patient to draw a pain map on the portal before the next visit (POST only)."""

    log_detail = "request"

    def get_object(self):
        return self.episode

    def perform(self):
        services.pain_map_request(episode=self.episode, body_view=self.body_view, acting_user=self.request.user)
        return _("The patient is asked to draw a pain map on the portal before the next visit.")
