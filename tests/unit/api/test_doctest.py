"""The example in the package docstring (what `help(reportlint)` shows) runs and gives what it says."""
import doctest

import reportlint


def test_package_docstring_example_is_current():
    result = doctest.testmod(reportlint, optionflags=doctest.ELLIPSIS, report=True)
    assert result.attempted > 0, "the package docstring lost its example"
    assert result.failed == 0, "src/reportlint/__init__.py: the docstring example no longer holds"
