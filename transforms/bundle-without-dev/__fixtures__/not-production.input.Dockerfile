FROM ruby:3.3
WORKDIR /app
COPY Gemfile* ./
RUN bundle install

FROM ruby:3.3
ENV RAILS_ENV=development
RUN bundle install

FROM ruby:3.3
ENV RAILS_ENV=production
RUN bundle install && bundle exec rspec

FROM ruby:3.3 AS builder
ENV RAILS_ENV=production
RUN bundle install

FROM ruby:3.3-slim
COPY --from=builder /usr/local/bundle /usr/local/bundle
