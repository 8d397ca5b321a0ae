"""The Streamlit side: the only modules (with pages/ and app.py) that import streamlit: the sidebar
and URL-synced widgets (ui), map settings (map_ui), the Data page's panels and the page panels
that several pages share."""
