# MPI sweeps (issue 8, docs/mpi.md): test_mpi runs the real binary under mpiexec. It is a ctest
# case (label "mpi") only when MPI is built; otherwise its target is not built and the case is
# disabled. OpenMPI flags used by the test: --allow-run-as-root (CI runs as root),
# --oversubscribe (3 ranks on 2 cores), --mca btl self,vader (no network probing).
if(TARGET test_mpi)
  if(TRADEJOBS_WITH_MPI AND MPIEXEC_EXECUTABLE)
    target_compile_definitions(test_mpi PRIVATE TRADEJOBS_MPIEXEC="${MPIEXEC_EXECUTABLE}")
    # The cases start several MPI jobs on all cores: never alongside other tests.
    set_tests_properties(test_mpi PROPERTIES RUN_SERIAL TRUE TIMEOUT 300)
  else()
    set_target_properties(test_mpi PROPERTIES EXCLUDE_FROM_ALL TRUE)
    set_tests_properties(test_mpi PROPERTIES DISABLED TRUE)
  endif()
endif()
