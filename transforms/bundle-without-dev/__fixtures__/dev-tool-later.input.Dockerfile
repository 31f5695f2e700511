FROM ruby:3.3-slim
ENV RAILS_ENV=production
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
RUN bundle exec rspec
CMD ["bundle", "exec", "puma"]
