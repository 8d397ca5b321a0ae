"""Pure builders of what a screen or a file shows: tables (plan, sections, trends, the task pages),
Plotly figures, folium maps and their geometry, labels, CSV/xlsx/GeoJSON export and the Word
briefing. They take data frames and return frames, figures or bytes: no streamlit, no warehouse."""
