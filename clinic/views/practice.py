"""The practice's own details, kept by its practice admin: the letterhead of what the practice sends out."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from clinic import services
from clinic.forms import PracticeForm
from clinic.views.mixins import PracticeAdminRequiredMixin, add_service_error


class PracticeUpdateView(PracticeAdminRequiredMixin, UpdateView):
    form_class = PracticeForm
    template_name = "clinic/practice_form.html"

    def get_object(self, queryset=None):
        return self.request.user.practice

    def form_valid(self, form):
        try:
            services.practice_update(practice=self.object, fields=form.cleaned_data, acting_user=self.request.user)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The practice details are saved."))
        return redirect("clinic:practice_update")
