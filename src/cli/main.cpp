#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"双联帮扶管理系统"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
