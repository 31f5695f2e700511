FROM ruby:3.3-slim
ENV RAILS_ENV=production
WORKDIR /app
COPY Gemfile Gemfile.lock ./
# gems
RUN bundle install --jobs 4 && rm -rf /usr/local/bundle/cache
COPY . .
RUN bundle exec rake assets:precompile
RUN bundle install
CMD ["bundle", "exec", "puma"]
