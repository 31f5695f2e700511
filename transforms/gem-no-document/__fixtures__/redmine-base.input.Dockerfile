FROM redmine:4.0
RUN gem install puma
