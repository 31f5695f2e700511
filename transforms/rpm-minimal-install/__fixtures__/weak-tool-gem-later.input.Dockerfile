FROM fedora:40
RUN dnf -y install ruby && dnf clean all
RUN gem install puppet
