# Run by ctest after the tests (CTEST_CUSTOM_POST_TEST): shows the
# differential test's summary, which ctest would otherwise hide on success.
if(EXISTS "${SUMMARY}")
  file(READ "${SUMMARY}" text)
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${text}")
endif()
