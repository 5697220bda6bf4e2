"""Reading stored choice values (roles, actions, kinds …) back as their readable names."""


def choice_label(choices, value):
    """Return the readable name of a stored choice, or the value itself when it is not one (any more).

    The enum lookup gives what get_FOO_display() does without building a dict of all choices on every
    call, which made that method the slowest cell of long tables such as the access log.
    """
    try:
        return choices(value).label
    except ValueError:
        return value
