"""One source for each lesson's title, time and goal: README's map and TEACHING agree."""

from pathlib import Path

import pytest

from leaky_tools import coursemap

ROOT = Path(__file__).resolve().parents[1]


def test_every_lesson_has_a_complete_title_cell():
    infos = coursemap.lessons(ROOT)
    assert [i.number for i in infos] == [f"{n:02d}" for n in range(1, 16)]
    for info in infos:
        assert 5 <= info.minutes <= 60, info
        assert len(info.you_will) <= 100, info


def test_readme_and_teaching_agree_with_the_lessons():
    assert coursemap.main(["--check", "--root", str(ROOT)]) == 0


def test_a_missing_field_is_named(tmp_path):
    lesson = tmp_path / "03_x.py"
    lesson.write_text("# %% [markdown]\n# # 03 · A title\n#\n# **Time:** about 5 minutes.\n")
    with pytest.raises(coursemap.CourseMapError, match="no 'You will' line"):
        coursemap.lesson_info(lesson)


def test_colab_links_use_the_one_repository_url():
    url = coursemap.repository_url(ROOT)
    assert url.startswith("https://github.com/")
    link = coursemap.colab_url(url, "notebooks/01_x.ipynb")
    assert link == ("https://colab.research.google.com/github/"
                    f"{url.removeprefix('https://github.com/')}/blob/main/notebooks/01_x.ipynb")
