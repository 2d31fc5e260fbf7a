# Tests of the Python package tradejobs (label "python"): tests/python/test_*.py through pytest,
# with Debian's python3 (the module is built for it) and PYTHONPATH=<build>/python. The root
# CMakeLists.txt includes this file after it defines the module's target; when tests/ includes
# it first (every tests/*.cmake), the target does not exist yet and nothing is registered.
if(NOT TARGET tradejobs_python)
  return()
endif()
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import pytest, pandas"
                RESULT_VARIABLE TRADEJOBS_PYTEST_MISSING OUTPUT_QUIET ERROR_QUIET)
if(TRADEJOBS_PYTEST_MISSING)
  message(STATUS "tradejobs: python3-pytest or python3-pandas missing: the Python tests are not registered")
  return()
endif()
file(GLOB TRADEJOBS_PYTHON_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/python/test_*.py)
foreach(test_file ${TRADEJOBS_PYTHON_TESTS})
  get_filename_component(name ${test_file} NAME_WE)
  add_test(NAME python_${name}
    COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${CMAKE_BINARY_DIR}/python TRADEJOBS_BINARY=$<TARGET_FILE:tradejobs>
            PYTHONDONTWRITEBYTECODE=1
            ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider ${test_file}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(python_${name} PROPERTIES LABELS python TIMEOUT 600)
endforeach()
