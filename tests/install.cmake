# Install and consume (README "Layout and contributing"): `cmake --install` of this build into a
# temporary prefix, then a tiny consumer project (tests/install_consumer) configured with
# find_package(tradejobs 0.1 REQUIRED) and CMAKE_PREFIX_PATH, built and run on the tiny economy
# (its multipliers must equal `tradejobs multipliers --format csv`), and the installed
# `tradejobs run` without SCENARIO run from a folder outside the source and build trees (it must
# run <prefix>/share/tradejobs/scenarios/default.yaml and write ./results/NAME there).
#
# This file is both included by tests/CMakeLists.txt (it registers the ctest case) and run as
# the case's script (cmake -P tests/install.cmake).
if(NOT CMAKE_SCRIPT_MODE_FILE)
  if(TARGET tradejobs)
    set(_launcher "")
    if(CMAKE_CXX_COMPILER_LAUNCHER)
      set(_launcher "${CMAKE_CXX_COMPILER_LAUNCHER}")
    endif()
    add_test(NAME install_consumer
      COMMAND ${CMAKE_COMMAND}
        -DBUILD_DIR=${CMAKE_BINARY_DIR}
        -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/install_consumer
        -DGENERATOR=${CMAKE_GENERATOR}
        -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
        -DCXX_COMPILER=${CMAKE_CXX_COMPILER}
        "-DCXX_LAUNCHER=${_launcher}"
        -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
        -P ${CMAKE_CURRENT_LIST_FILE})
    set_tests_properties(install_consumer PROPERTIES LABELS "cli;install" TIMEOUT 300)
  endif()
  return()
endif()

# ---- script mode -------------------------------------------------------------------------
function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err ${STEP_OPTIONS})
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install_consumer: ${name} failed (exit ${rc})\n--- command: ${ARGN}\n--- stdout:\n${out}\n--- stderr:\n${err}")
  endif()
  set(STEP_OUT "${out}" PARENT_SCOPE)
  set(STEP_ERR "${err}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(consumer "${WORK_DIR}/consumer")
set(outside "${WORK_DIR}/outside")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${outside}")

# 1. Install the libraries, headers, package files, binary and scenarios already built.
step("cmake --install" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(f lib/cmake/tradejobs/tradejobsConfig.cmake lib/cmake/tradejobs/tradejobsConfigVersion.cmake
          lib/cmake/tradejobs/tradejobsTargets.cmake bin/tradejobs share/tradejobs/scenarios/default.yaml
          share/tradejobs/scenarios/economies/usa-2014/economy.yaml include/tradejobs/engine/economy_io.h
          include/tradejobs/models/input_output.h)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "install_consumer: ${f} is not installed under ${prefix}")
  endif()
endforeach()
file(GLOB_RECURSE leaked "${prefix}/*tradejobs-source-dir.txt")
if(leaked)
  message(FATAL_ERROR "install_consumer: the build-tree marker was installed: ${leaked}")
endif()
file(READ "${prefix}/lib/cmake/tradejobs/tradejobsTargets.cmake" targets)
foreach(t tradejobs::models tradejobs::engine)
  if(NOT targets MATCHES "add_library\\(${t} ")
    message(FATAL_ERROR "install_consumer: tradejobsTargets.cmake does not define ${t}")
  endif()
endforeach()

# 2. Configure and build the consumer against the prefix only.
set(configure_args -S "${SOURCE_DIR}/tests/install_consumer" -B "${consumer}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_LAUNCHER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_LAUNCHER}")
endif()
step("configuring the consumer" ${CMAKE_COMMAND} ${configure_args})
file(READ "${consumer}/CMakeCache.txt" cache)
string(REGEX MATCH "tradejobs_DIR:PATH=([^\n]*)" _ "${cache}")
if(NOT CMAKE_MATCH_1 STREQUAL "${prefix}/lib/cmake/tradejobs")
  message(FATAL_ERROR "install_consumer: find_package(tradejobs) found '${CMAKE_MATCH_1}', expected ${prefix}/lib/cmake/tradejobs")
endif()
step("building the consumer" ${CMAKE_COMMAND} --build "${consumer}" -j 2)

# 3. Run it on the tiny economy: the same multipliers as the installed binary prints.
set(econ "${SOURCE_DIR}/tests/fixtures/tiny_economy")
step("running the consumer" "${consumer}/consumer" "${econ}")
set(consumer_out "${STEP_OUT}")
step("tradejobs multipliers" "${prefix}/bin/tradejobs" multipliers "${econ}" --format csv)
string(REPLACE "\n" ";" cli_lines "${STEP_OUT}")
set(expected "sector,output_multiplier,employment_multiplier\n")
foreach(line ${cli_lines})
  if(line MATCHES "^sector,")
    continue()
  endif()
  string(REPLACE "," ";" cells "${line}")  # sector,name,output,employment,... (the tiny names have no commas)
  list(GET cells 0 code)
  list(GET cells 2 output)
  list(GET cells 3 employment)
  string(APPEND expected "${code},${output},${employment}\n")
endforeach()
if(NOT consumer_out STREQUAL expected)
  message(FATAL_ERROR "install_consumer: the consumer printed\n${consumer_out}\nexpected (from tradejobs multipliers)\n${expected}")
endif()
if(NOT consumer_out MATCHES "\nAGR,1\\.47")
  message(FATAL_ERROR "install_consumer: unexpected multipliers\n${consumer_out}")
endif()

# 4. The installed `tradejobs run` without SCENARIO, from a folder outside both trees.
set(STEP_OPTIONS WORKING_DIRECTORY "${outside}")
step("installed tradejobs run" "${prefix}/bin/tradejobs" run --quiet)
set(STEP_OPTIONS "")
if(NOT STEP_ERR STREQUAL "")
  message(FATAL_ERROR "install_consumer: tradejobs run wrote to stderr:\n${STEP_ERR}")
endif()
set(results "${outside}/results/us-china-2018")
if(NOT STEP_OUT STREQUAL "results/us-china-2018/report.html\n")
  message(FATAL_ERROR "install_consumer: tradejobs run --quiet printed '${STEP_OUT}', expected results/us-china-2018/report.html")
endif()
foreach(f summary.json sectors.csv timeline.csv groups.csv partners.csv report.html)
  if(NOT EXISTS "${results}/${f}")
    message(FATAL_ERROR "install_consumer: tradejobs run did not write ${results}/${f}")
  endif()
endforeach()
file(READ "${results}/summary.json" summary)
string(JSON scenario_file GET "${summary}" scenario file)
if(NOT scenario_file STREQUAL "${prefix}/share/tradejobs/scenarios/default.yaml")
  message(FATAL_ERROR "install_consumer: tradejobs run ran '${scenario_file}', expected the installed "
                      "${prefix}/share/tradejobs/scenarios/default.yaml")
endif()
file(GLOB written RELATIVE "${prefix}/share/tradejobs" "${prefix}/share/tradejobs/*")
if(NOT written STREQUAL "scenarios")
  message(FATAL_ERROR "install_consumer: tradejobs run wrote into the install prefix: ${written}")
endif()
# 5. The version rule: 0.1.z satisfies find_package(tradejobs 0.1), not 0.2 nor 1.0 (a 0.x minor
#    release may change the API).
foreach(request 0.1 0.1.0 0.2 1.0 0.0)
  set(PACKAGE_FIND_VERSION ${request})
  string(REPLACE "." ";" parts "${request}")
  list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
  list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
  set(PACKAGE_VERSION_COMPATIBLE "")
  include("${prefix}/lib/cmake/tradejobs/tradejobsConfigVersion.cmake")
  if(request MATCHES "^0\\.1")
    set(expected TRUE)
  else()
    set(expected FALSE)
  endif()
  if(NOT "${PACKAGE_VERSION_COMPATIBLE}" STREQUAL "${expected}")
    message(FATAL_ERROR "install_consumer: find_package(tradejobs ${request}) against ${PACKAGE_VERSION}: compatible "
                        "'${PACKAGE_VERSION_COMPATIBLE}', expected ${expected}")
  endif()
endforeach()

# 6. The binary still in its build folder falls back on the source tree's default scenario; a
#    copy of the binary with neither an installed share/ nor the build folder's marker says so.
set(STEP_OPTIONS WORKING_DIRECTORY "${outside}")
step("build-tree tradejobs run" "${BUILD_DIR}/tradejobs" run -o from-build --quiet --no-report)
set(STEP_OPTIONS "")
file(READ "${outside}/from-build/summary.json" summary)
string(JSON scenario_file GET "${summary}" scenario file)
if(NOT scenario_file STREQUAL "${SOURCE_DIR}/scenarios/default.yaml")
  message(FATAL_ERROR "install_consumer: the build-tree tradejobs ran '${scenario_file}', expected ${SOURCE_DIR}/scenarios/default.yaml")
endif()
file(COPY "${prefix}/bin/tradejobs" DESTINATION "${WORK_DIR}/lone/bin")
execute_process(COMMAND "${WORK_DIR}/lone/bin/tradejobs" run WORKING_DIRECTORY "${outside}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(expected_err "error: tradejobs run: no SCENARIO given and no default scenario found: tried 'scenarios/default.yaml' "
                 "(current folder), '${WORK_DIR}/lone/share/tradejobs/scenarios/default.yaml' (installed): expected "
                 "`tradejobs run SCENARIO.yaml`\n")
string(CONCAT expected_err ${expected_err})
if(NOT rc EQUAL 2 OR NOT out STREQUAL "" OR NOT err STREQUAL expected_err)
  message(FATAL_ERROR "install_consumer: a lone tradejobs run gave exit ${rc}, stdout '${out}', stderr\n${err}expected exit 2 and\n${expected_err}")
endif()

message(STATUS "install_consumer: installed, consumed through find_package(tradejobs 0.1), default scenario run from ${prefix}")
