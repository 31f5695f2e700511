FROM ruby:3.3-slim AS sudo-preserve
ENV RAILS_ENV=production
ENV BUNDLE_WITHOUT=development:test
RUN bundle install
RUN sudo -E -u app bundle exec rake assets:precompile \
 && sudo --preserve-env=PATH,BUNDLE_WITHOUT -u app bundle exec rake tmp:clear \
 && sudo -u app BUNDLE_WITHOUT=development:test bundle exec rake log:clear \
 && sudo apt-get install -y less

FROM ruby:3.3-slim AS su-plain
ENV RAILS_ENV=production
ENV BUNDLE_WITHOUT=development:test
RUN bundle install && su app -c 'bundle exec rake assets:precompile' && su -m - app -c 'bundle exec rake tmp:clear'
CMD ["runuser", "-u", "app", "--", "bundle", "exec", "puma"]

FROM ruby:3.3-slim AS gosu
ENV RAILS_ENV=production
ENV BUNDLE_WITHOUT=development:test
RUN bundle install
ENTRYPOINT ["gosu", "app"]
CMD ["bundle", "exec", "puma"]

FROM ruby:3.3-alpine
ENV RAILS_ENV=production
ENV BUNDLE_WITHOUT=development:test
RUN bundle install
CMD su-exec app bundle exec puma
