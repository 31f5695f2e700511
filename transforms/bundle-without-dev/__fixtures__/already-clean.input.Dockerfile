FROM ruby:3.3
ENV RAILS_ENV=production BUNDLE_WITHOUT="development test"
RUN bundle install

FROM ruby:3.3
ENV RACK_ENV=production
RUN bundle config set --local without 'development test' && bundle install
RUN bundle install --without development test
RUN gem install bundler
