# results.xlsx read back with openpyxl (tests/test_xlsx.py, label "cli"): Debian's python3 with
# python3-openpyxl and python3-pytest, which `make test` installs; not registered without them.
if(NOT TARGET tradejobs)
  return()
endif()
find_program(TRADEJOBS_DEBIAN_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(TRADEJOBS_DEBIAN_PYTHON3)
  execute_process(COMMAND ${TRADEJOBS_DEBIAN_PYTHON3} -c "import openpyxl, pytest"
                  RESULT_VARIABLE TRADEJOBS_OPENPYXL_MISSING OUTPUT_QUIET ERROR_QUIET)
endif()
if(TRADEJOBS_DEBIAN_PYTHON3 AND NOT TRADEJOBS_OPENPYXL_MISSING)
  add_test(NAME test_xlsx
    COMMAND ${CMAKE_COMMAND} -E env TRADEJOBS_BINARY=$<TARGET_FILE:tradejobs> PYTHONDONTWRITEBYTECODE=1
            ${TRADEJOBS_DEBIAN_PYTHON3} -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_SOURCE_DIR}/test_xlsx.py
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(test_xlsx PROPERTIES LABELS cli TIMEOUT 600)
else()
  message(STATUS "tradejobs: /usr/bin/python3 with openpyxl and pytest not found: test_xlsx is not registered")
endif()
