"""`pcd import`: a decision paper written in Word becomes a spec an officer can finish.

The stages mirror the build, backwards: `package` opens the DOCX safely, `blocks` flattens its
body into paragraphs and tables, `form` recognises the parts of the form, `table` turns the
finance table into costs, funders and funding lines, `prose` turns figures and abbreviations back
into references, and `yamlout` writes the spec.
"""
