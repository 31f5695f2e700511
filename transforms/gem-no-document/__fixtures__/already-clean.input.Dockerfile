FROM debian:bookworm
RUN gem install -N bundler && gem install --no-ri --no-rdoc rake && gem install --no-document rails
RUN gem list && gem update --system
FROM ruby:3.2-slim
RUN gem install bundler
FROM alpine:3.19
RUN echo "gem: --no-document" > /etc/gemrc
RUN gem install bundler
FROM debian:bookworm AS abbrev
RUN gem install --no-doc quality
