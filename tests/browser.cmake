# Browser test of the HTML report (label "browser"). It installs nothing: it is registered
# only where Debian's chromium is present (`make test` installs it). test_report writes the
# fixture reports into report_pages/ (a ctest fixture), then browser_check.py loads each in
# headless chromium from a file URL, measures every chart, checks that the page requested no
# resource, and takes a screenshot into browser_out/.
find_program(CHROMIUM chromium)
find_program(TRADEJOBS_PYTHON3 NAMES python3)
if(CHROMIUM AND TRADEJOBS_PYTHON3 AND TARGET test_report)
  add_test(NAME browser_report
    COMMAND ${TRADEJOBS_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/browser_check.py
            --chromium ${CHROMIUM}
            --pages ${CMAKE_CURRENT_BINARY_DIR}/report_pages
            --out ${CMAKE_CURRENT_BINARY_DIR}/browser_out)
  set_tests_properties(browser_report PROPERTIES LABELS browser TIMEOUT 300 FIXTURES_REQUIRED report_pages)
  set_tests_properties(test_report PROPERTIES FIXTURES_SETUP report_pages)
else()
  message(STATUS "tradejobs: chromium or python3 not found: the browser test of the report is not registered")
endif()
