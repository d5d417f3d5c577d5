#include "io/reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

namespace parley {
namespace fs = std::filesystem;

std::string HumanBytes(size_t n) {
  char buf[32];
  if (n >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", n / 1048576.0);
  else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else std::snprintf(buf, sizeof buf, "%zu B", n);
  return buf;
}

namespace {

bool IsJsonlPath(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".jsonl" || ext == ".ndjson";
}

std::string TooLarge(size_t n, size_t limit) {
  return "too large: " + HumanBytes(n) + " > " + HumanBytes(limit);
}

}  // namespace

ArticleReader::ArticleReader(std::vector<std::string> inputs, ReaderOptions options)
    : inputs_(std::move(inputs)), opt_(std::move(options)) {}
ArticleReader::~ArticleReader() = default;

bool ArticleReader::OpenNext() {
  pending_.clear();
  next_item_ = 0;
  while (next_input_ < inputs_.size()) {
    const std::string& in = inputs_[next_input_++];
    if (in == "-") {
      if (opt_.force_jsonl) {
        jsonl_ = &std::cin;
        jsonl_name_ = "stdin";
        line_no_ = 0;
        return true;
      }
      pending_.push_back(Item{"-", opt_.id.value_or("stdin"), false});
      return true;
    }
    fs::path p(in);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".txt") files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
      for (auto& f : files) {
        fs::path rel = fs::relative(f, p, ec);
        rel.replace_extension();
        pending_.push_back(Item{f, rel.generic_string(), false});
      }
      if (!pending_.empty()) return true;
      warnings_.push_back(in + ": directory holds no .txt files");
      continue;
    }
    if (opt_.force_jsonl || IsJsonlPath(p)) {
      file_ = std::make_unique<std::ifstream>(p, std::ios::binary);
      if (!*file_) {
        // Still one output line for the input that could not be opened.
        pending_.push_back(Item{p, p.filename().string(), true});
        return true;
      }
      jsonl_ = file_.get();
      jsonl_name_ = in;
      line_no_ = 0;
      return true;
    }
    std::string id = (opt_.id && inputs_.size() == 1) ? *opt_.id : p.stem().string();
    pending_.push_back(Item{p, id, false});
    return true;
  }
  return false;
}

void ArticleReader::ReadTextItem(const Item& item, Document* doc) {
  doc->doc_id = item.doc_id;
  doc->publish_date = opt_.date;
  std::string text;
  if (item.path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::error_code ec;
    auto size = fs::file_size(item.path, ec);
    if (ec) {
      doc->error = "cannot read " + item.path.string() + ": " + ec.message();
      return;
    }
    if (item.jsonl) {
      doc->error = "cannot open " + item.path.string();
      return;
    }
    if (size > opt_.max_article_bytes) {
      doc->error = TooLarge(size, opt_.max_article_bytes);
      return;
    }
    std::ifstream in(item.path, std::ios::binary);
    if (!in) {
      doc->error = "cannot open " + item.path.string();
      return;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (text.size() > opt_.max_article_bytes) {
    doc->error = TooLarge(text.size(), opt_.max_article_bytes);
    return;
  }
  doc->set_text(std::move(text));
}

void ArticleReader::ParseJsonRecord(const std::string& line, Document* doc) {
  doc->doc_id = jsonl_name_ + ":" + std::to_string(line_no_);
  doc->publish_date = opt_.date;
  rapidjson::Document j;
  j.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  if (j.HasParseError()) {
    doc->error = std::string("malformed JSON at column ") + std::to_string(j.GetErrorOffset() + 1) + ": " +
                 rapidjson::GetParseError_En(j.GetParseError());
    return;
  }
  if (!j.IsObject()) {
    doc->error = "JSON line is not an object";
    return;
  }
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = j.FindMember(key);
    if (it == j.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
    if (it->value.IsNumber()) return std::to_string(it->value.GetDouble());
    return std::nullopt;
  };
  if (auto id = str("id")) doc->doc_id = *id;
  else if (auto id2 = str("doc_id")) doc->doc_id = *id2;
  auto date = str("publish_date");
  if (!date) date = str("date");
  if (date) {
    Date d;
    std::string ds = date->substr(0, 10);
    if (Date::Parse(ds, &d)) doc->publish_date = d;
    else warnings_.push_back(doc->doc_id + ": publish_date '" + *date + "' is not YYYY-MM-DD; ignored");
  }
  doc->title = str("title");
  doc->url = str("url");
  doc->source = str("source");
  auto it = j.FindMember("text");
  if (it == j.MemberEnd() || it->value.IsNull()) {
    doc->error = "record has no text field";
    return;
  }
  if (!it->value.IsString()) {
    doc->error = "text field is not a string";
    return;
  }
  size_t n = it->value.GetStringLength();
  if (n > opt_.max_article_bytes) {
    doc->error = TooLarge(n, opt_.max_article_bytes);
    return;
  }
  doc->set_text(std::string(it->value.GetString(), n));
}

bool ArticleReader::NextJsonLine(Document* doc) {
  std::string line;
  while (std::getline(*jsonl_, line)) {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool blank = std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
    if (blank) continue;
    *doc = Document();
    ParseJsonRecord(line, doc);
    return true;
  }
  jsonl_ = nullptr;
  file_.reset();
  return false;
}

bool ArticleReader::Next(Document* doc) {
  for (;;) {
    if (jsonl_) {
      if (NextJsonLine(doc)) return true;
      continue;
    }
    if (next_item_ < pending_.size()) {
      *doc = Document();
      ReadTextItem(pending_[next_item_++], doc);
      return true;
    }
    if (!OpenNext()) return false;
  }
}

}  // namespace parley
