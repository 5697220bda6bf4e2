"""Addresses of the therapist's and practice admin's program pages: library, templates, builder, overview."""

from django.urls import path

from programs.views import builder, library, report, therapist

app_name = "programs"

urlpatterns = [
    # the quality report, in aggregate
    path("reports/quality/", report.QualityReportView.as_view(), name="quality_report"),
    path("reports/quality.csv", report.QualityReportCsvView.as_view(), name="quality_report_csv"),
    path("reports/quality.pdf", report.QualityReportPdfView.as_view(), name="quality_report_pdf"),
    # the library and templates
    path("library/", library.ExerciseListView.as_view(), name="exercise_list"),
    path("library/new/", library.ExerciseCreateView.as_view(), name="exercise_create"),
    path("library/<int:pk>/", library.ExerciseDetailView.as_view(), name="exercise_detail"),
    path("library/<int:pk>/edit/", library.ExerciseUpdateView.as_view(), name="exercise_update"),
    path("library/<int:pk>/picture/", library.ExerciseMediaView.as_view(field="picture"), name="exercise_picture"),
    path("library/<int:pk>/video/", library.ExerciseMediaView.as_view(field="video"), name="exercise_video"),
    path("program-templates/", library.TemplateListView.as_view(), name="template_list"),
    path("program-templates/new/", library.TemplateCreateView.as_view(), name="template_create"),
    path("program-templates/<int:pk>/", library.TemplateUpdateView.as_view(), name="template_update"),
    path("program-templates/<int:pk>/add/", library.TemplateAddExercisesView.as_view(), name="template_add"),
    # the therapist's builder and overview
    path("programs/patients/<int:patient_pk>/", therapist.PatientProgramsView.as_view(), name="patient_overview"),
    path(
        "programs/patients/<int:patient_pk>/bladder/new/",
        therapist.TherapistDiaryEntryCreateView.as_view(diary="bladder"),
        name="therapist_bladder_new",
    ),
    path(
        "programs/patients/<int:patient_pk>/bowel/new/",
        therapist.TherapistDiaryEntryCreateView.as_view(diary="bowel"),
        name="therapist_bowel_new",
    ),
    path("programs/episodes/<int:episode_pk>/new/", builder.ProgramCreateView.as_view(), name="program_create"),
    path("programs/<int:pk>/", builder.ProgramDetailView.as_view(), name="program_detail"),
    path("programs/<int:pk>/edit/", builder.ProgramBuilderView.as_view(), name="program_edit"),
    path("programs/<int:pk>/preview/", builder.ProgramPreviewView.as_view(), name="program_preview"),
    path("programs/<int:pk>/add/", builder.ProgramAddExercisesView.as_view(), name="program_add"),
    path("programs/<int:pk>/publish/", builder.ProgramPublishView.as_view(), name="program_publish"),
    path("programs/<int:pk>/revise/", builder.ProgramReviseView.as_view(), name="program_revise"),
]
