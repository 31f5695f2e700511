# The official ruby image's gemrc already says `install: --no-document`, whatever the version.
ARG RUBY_VERSION
FROM ruby:$RUBY_VERSION-slim-buster
RUN gem install bundler
