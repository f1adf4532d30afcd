"""reporters/github.py: workflow commands."""


def test_github_escapes_property_and_data_separators():
    from reportlint.reporters.github import command
    line = command("notice", "50%\n完成", file="a,b:c.txt", line=1)
    assert line == "::notice file=a%2Cb%3Ac.txt,line=1::50%25%0A完成"
