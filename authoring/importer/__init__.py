"""`pcd import`: a decision paper written in Word becomes a spec an officer can finish.

The stages mirror the build, backwards: `package` opens the DOCX safely, `blocks` flattens its
body into paragraphs and tables, `form` recognises the parts of the form, `table` turns the
finance table into costs, funders and funding lines, `prose` turns figures and abbreviations back
into references, and `yamlout` writes the spec. `common` holds what they share (notes, escaping,
dates) and imports none of them, so the stages import one way (tests/importer/test_import_graph.py).
"""
