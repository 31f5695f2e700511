FROM ruby:3.3
ENV RAILS_ENV=production
RUN ["bundle", "install"]
RUN <<EOF
bundle install
EOF
RUN su app -c "bundle install"
