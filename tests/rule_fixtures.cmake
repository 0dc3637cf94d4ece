# One CTest per rule fixture (a file, or a directory linted together), named RLnnn/<name>, so
# `ctest -R RL101` runs one rule's fixtures and a failure names the fixture.
target_sources(rule_fixtures_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fixture_expectations.cpp)
target_sources(fixture_expectations_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fixture_expectations.cpp)
target_sources(rule_catalog_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fixture_expectations.cpp)

file(GLOB ROLELINT_FIXTURES CONFIGURE_DEPENDS LIST_DIRECTORIES true
     ${PROJECT_SOURCE_DIR}/tests/fixtures/rules/*/*)
foreach(fixture ${ROLELINT_FIXTURES})
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR}/tests/fixtures/rules ${fixture})
  if(name MATCHES "/\\.")  # .rolelint.yaml: the configuration of the rule's fixtures
    continue()
  endif()
  add_test(NAME "${name}" COMMAND rule_fixtures_test --fixture ${fixture}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
