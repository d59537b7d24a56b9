// The graphs kept between calls (revision_cache.hpp): used again only while
// the folder's files are unchanged, whatever the change.
#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>
#include <string>
#include <thread>

#include "helpers.hpp"
#include "folder_source.hpp"
#include "revision_cache.hpp"

namespace {

std::string sql_file(const std::string& id, const std::string& down, const std::string& message = "m") {
    return "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + down +
           "\n\n-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\nSELECT 2;\n";
}

// These tests change files after a read that kept the folder: a short
// settling time, which the files have had (`let_settle`), keeps it while
// their changes get stamps of a later timestamp tick.
std::shared_ptr<const migrate::RevisionGraph> graph_of(const test::TempDir& dir) {
    return migrate::cached_graph(dir.path(), 1, {}, std::chrono::milliseconds(50));
}

void let_settle() { std::this_thread::sleep_for(std::chrono::milliseconds(100)); }

}  // namespace

TEST_CASE("revision cache: an unchanged folder is read once, any change is seen", "[cache]") {
    test::TempDir dir;
    dir.write("001_a.sql", sql_file("a", ""));
    dir.write("002_b.sql", sql_file("b", "a", "first"));
    let_settle();
    auto first = graph_of(dir);
    CHECK(test::ids(first->heads()) == test::Lines{"b"});
    CHECK(graph_of(dir) == first);  // kept

    SECTION("a rewrite of the same size, its modification time put back") {
        const std::string file = dir.path() + "/002_b.sql";
        struct stat before;
        REQUIRE(::stat(file.c_str(), &before) == 0);
        dir.write("002_b.sql", sql_file("b", "a", "other"));
        timespec times[2] = {before.st_atim, before.st_mtim};
        REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
        auto again = graph_of(dir);
        CHECK(again != first);
        CHECK(again->find("b")->message == "other");
    }
    SECTION("a new file") {
        dir.write("003_c.sql", sql_file("c", "b"));
        CHECK(test::ids(graph_of(dir)->heads()) == test::Lines{"c"});
    }
    SECTION("a removed file") {
        REQUIRE(std::remove((dir.path() + "/002_b.sql").c_str()) == 0);
        CHECK(test::ids(graph_of(dir)->heads()) == test::Lines{"a"});
    }
    SECTION("a file replaced by another of the same content") {
        dir.write("tmp", sql_file("b", "a", "first"));
        REQUIRE(std::rename((dir.path() + "/tmp").c_str(), (dir.path() + "/002_b.sql").c_str()) == 0);
        CHECK(graph_of(dir) != first);
    }
    SECTION("a file that became broken fails the call, and the next") {
        dir.write("002_b.sql", "-- no id\n");
        CHECK_THROWS_AS(graph_of(dir), migrate::Error);
        CHECK_THROWS_AS(graph_of(dir), migrate::Error);
    }
}

TEST_CASE("revision cache: a folder written just now is read again at every call", "[cache]") {
    test::TempDir dir;
    dir.write("001_a.sql", sql_file("a", ""));
    const std::chrono::seconds settled(30);  // longer than this test can stall
    auto first = migrate::cached_graph(dir.path(), 1, {}, settled);
    CHECK(migrate::cached_graph(dir.path(), 1, {}, settled) != first);
}

TEST_CASE("revision cache: a process that keeps no graphs reads the folder at every call", "[cache]") {
    test::TempDir dir;
    dir.write("001_a.sql", sql_file("a", ""));
    let_settle();
    migrate::keep_graphs(false);
    auto first = graph_of(dir);
    auto second = graph_of(dir);
    migrate::keep_graphs(true);
    CHECK(second != first);
    CHECK(test::ids(second->heads()) == test::Lines{"a"});
}

TEST_CASE("revision cache: a process that keeps no graphs runs the texts it read for the graph", "[cache]") {
    test::TempDir dir;
    REQUIRE(::mkdir((dir.path() + "/versions").c_str(), 0755) == 0);
    dir.write("versions/001_a.sql", sql_file("a", ""));
    migrate::keep_graphs(false);
    migrate::FolderSource source(dir.path());
    auto graph = source.graph(1);
    const migrate::Revision& a = *graph->find("a");
    dir.write("versions/001_a.sql", sql_file("a", "", "rewritten"));
    // the file is read once: the step gets the text whose header made the graph
    CHECK(source.read_revision(a) == sql_file("a", ""));
    // and once taken, it is read from the folder again
    CHECK(source.read_revision(a) == sql_file("a", "", "rewritten"));
    migrate::keep_graphs(true);
}
