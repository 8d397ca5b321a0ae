"""A bare two-page Streamlit app: the baseline the browser benchmarks (benchmarks/clicks.py) click
side by side with Bishui, so what Streamlit and the browser cost by themselves is measured on the same
machine in the same run. Nothing of Bishui is imported."""

import streamlit as st


def first() -> None:
    st.title("First page")
    st.write("A paragraph of text on the first page.")


def second() -> None:
    st.title("Second page")
    st.write("A paragraph of text on the second page.")


st.navigation(
    [st.Page(first, title="First", url_path="first"), st.Page(second, title="Second", url_path="second")]
).run()
