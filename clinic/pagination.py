"""Paging through a list too long to count on every view: the access log, a practice's patients and accounts."""

from django.core.paginator import EmptyPage, PageNotAnInteger


class UncountedPage:
    """One page of an uncounted list: knows its neighbours, not how many pages there are."""

    def __init__(self, object_list, number, *, has_next):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


# Far past any real list (50 rows a page: 50 million rows), and an offset every database takes.
MAX_PAGE = 1_000_000


class UncountedPaginator:
    """Page through a list by reading one row past the page instead of counting the whole list.

    The access log grows by an entry for every look at a record; counting it for "page 1 of N" would
    read the whole log on every view, while the next page only needs to know that one more row exists.
    """

    num_pages = None  # unknown by design: "page=last" is refused like any other page that does not exist

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True):
        self.object_list = object_list
        self.per_page = int(per_page)

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number > MAX_PAGE:
            raise EmptyPage("That page is past any list this app keeps")
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return UncountedPage(rows[: self.per_page], number, has_next=len(rows) > self.per_page)
