"""Read a plan's goals and interventions as they stood at an earlier moment of its history."""


def rows_as_of(model, plan, moment):
    """Return the rows of a plan's goals or interventions as they stood at that moment."""
    latest = model.history.filter(plan_id=plan.pk, history_date__lte=moment).latest_of_each()
    return [row for row in latest.order_by("id") if row.history_type != "-"]
